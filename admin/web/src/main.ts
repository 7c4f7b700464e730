import TDesign from 'tdesign-vue-next';
import 'tdesign-vue-next/es/style/index.css';
import { createApp } from 'vue';
import App from './App.vue';
import './fonts.css';
import './app.css';

createApp(App).use(TDesign).mount('#app');
